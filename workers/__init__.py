"""Reading processes: the pool of workers (one Tesseract per core) with the extraction cache (`pool`), a worker's
start and end (`worker_process`), and a Dask cluster as the alternative (`dask_executor`)."""
