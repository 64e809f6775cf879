"""Exercise checkers, one module per notebook (``ex02.py`` holds exercises 02.1, 02.2, ...).

Each module registers its checkers with :func:`helpers.checks.exercise`; expected answers are
computed from the data when first needed (cache the data loads with ``functools.cache``).
"""
