"""The review desk: a web page where operators decide `needs_review` submissions (`attest review serve`)."""
