"""Where submissions and verdicts live: a local folder or an S3 bucket behind one interface (`objects`, `s3`),
the submission listing (`submissions`), and verdict history with publishing (`verdicts`)."""
