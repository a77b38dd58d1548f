"""medoracle: offline medical question answering with cited, evidence-graded articles."""

__version__ = "0.1.0"
