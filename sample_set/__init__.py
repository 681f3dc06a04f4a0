"""Deterministic sample submissions in the contract's storage layout (demo, tests, evaluation, benchmark).

`build_sample_set` writes `submissions/<id>/` folders under a root and returns the labels
(`SampleCase`) the pipeline's verdicts should agree with.
"""

from sample_set.builder import build_sample_set, write_labels
from sample_set.labels import Profile, SampleCase, SampleDocument

__all__ = ["Profile", "SampleCase", "SampleDocument", "build_sample_set", "write_labels"]
