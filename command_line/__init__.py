"""`attest` itself: arguments and the one error-to-exit-code handler (`main`), each command's work and output
(`commands`)."""
