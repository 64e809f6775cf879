"""Helper package for the Personalized Marketing & eCRM workbook.

Each module is one topic: ``data`` (loaders), ``synth`` (the shop generator), ``loyalty``,
``rfm``, ``clv``, ``segments``, ``personalization``, ``ecrm``, ``plots`` and ``checks``.
"""

__version__ = "0.1.0"
