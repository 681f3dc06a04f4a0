"""How a run's process is set up: Prefect's settings (`prefect_environment`), the guard that stops Prefect's
temporary server (`temporary_server`), IIN-masking loggers (`log_masking`), and /proc helpers (`processes`)."""
