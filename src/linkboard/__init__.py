"""linkboard: find the identifiers hidden in ads, link them into networks, explain the risk."""

__version__ = "0.1.0"

#: Stamped on every derived fact; bump when a stage's output changes for the same input.
PIPELINE_VERSION = "0.1.0"
