"""A second, independent family of labelled submissions ("field"): documents drawn as they arrive in life.

It shares no templates, phrasing, layouts or code with `sample_set` (only the label models of
`sample_set.labels`), so the readers, tuned on `sample_set`, can be measured on documents they
were not tuned on. `build_field_set` writes `submissions/<id>/` folders and returns the labels.
"""

from field_set.build import build_field_set

__all__ = ["build_field_set"]
