"""hkprobono: an offline directory of refugee support organisations in Hong Kong."""

__version__ = "0.1.0"
