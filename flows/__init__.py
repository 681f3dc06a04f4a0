"""Orchestration only: the Prefect flows (`nightly`), their deployments, a night's order and its report."""
