"""Store fixtures live in tests/conftest.py (db_url, store, fresh_postgres): the PDF tests use them too."""
