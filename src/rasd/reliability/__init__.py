"""Reliability trials: hostile inputs, crash safety (SIGKILL during ingest) and concurrency.

``corpus`` builds the hostile-input cases on the fly (nothing large is committed), each with its
expected outcome; ``hostile`` runs them in one batch with control articles between them;
``crash`` kills ``rasd ingest`` at random moments and compares the store with a clean ingest;
``concurrency`` ingests while the API serves reads and runs two ingesters on one store;
``report`` puts the figures together for ``rasd reliability report`` (docs/reliability.md).
"""
