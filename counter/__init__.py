"""一窗通办 Counter: the domain layer (no Qt below counter.ui)."""

__version__ = "0.1.0"
