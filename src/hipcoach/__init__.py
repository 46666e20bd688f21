"""hipcoach: a breathwork and hip-stretch timer you can follow from the mat."""

__version__ = "0.1.0"
