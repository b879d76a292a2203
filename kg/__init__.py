"""kg: knowledge graphs of the methods, benchmarks, datasets and models in ML paper listings."""

__version__ = "0.1.0"
