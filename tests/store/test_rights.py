"""The kiosk role's rights on PostgreSQL: the README's grants cover every table, even those later
migrations add, and the check behind `kiosk doctor` names what a role lacks."""

from __future__ import annotations

import re

import pytest
from alembic import command
from sqlalchemy import Engine, text

from kiosk.store import open_store
from kiosk.store.database import alembic_config, make_engine
from kiosk.store.rights import Rights, needed, rights_of
from tests.conftest import ROOT

OLD_GRANTS = """
GRANT SELECT ON ALL TABLES IN SCHEMA public TO kiosk_app;
GRANT INSERT ON patients, briefings, risk_acknowledgements, question_flags,
      comprehension_answers, signatures, documents, staff_users, audit_log TO kiosk_app;
GRANT UPDATE ON briefings, documents, question_flags, staff_users TO kiosk_app;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO kiosk_app;
"""
"""The README's grants before this fix, written "as of migration 0003"."""


def readme_grants() -> str:
    """The SQL the README gives the kiosks' role its rights with."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    after = readme[readme.index("give the kiosks' role its rights") :]
    found = re.search(r"```sql\n(.*?)```", after, re.DOTALL)
    assert found, "the README's grants are a ```sql block after 'give the kiosks' role its rights'"
    return found[1]


def grant(engine: Engine, sql: str) -> None:
    """Run grants as the tables' owner (the test's role), given to PUBLIC: the server's test role
    may not create roles, and `has_table_privilege('public', …)` asks what PUBLIC holds."""
    with engine.begin() as conn:
        owner = conn.execute(text("SELECT quote_ident(current_user)")).scalar_one()
        sql = re.sub(r"--[^\n]*", "", sql)
        sql = sql.replace("kiosk_app", "PUBLIC").replace("kiosk_owner", owner)
        for statement in filter(str.strip, sql.split(";")):
            conn.execute(text(statement))


def public_rights(url: str) -> Rights:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return rights_of(conn, "public")
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    ("grants", "complete"),
    [(readme_grants(), True), (OLD_GRANTS, False)],
    ids=["readme", "as-of-0003"],
)
def test_grants_given_at_0003_cover_the_tables_later_migrations_add(
    fresh_postgres: str, grants: str, complete: bool
) -> None:
    engine = make_engine(fresh_postgres)
    try:
        command.upgrade(alembic_config(engine), "0003")
        grant(engine, grants)
    finally:
        engine.dispose()
    open_store(fresh_postgres, "kiosk-test").close()  # the owner migrates to the head
    found = public_rights(fresh_postgres)
    assert found.tables >= 17
    assert found.complete is complete, found.sentence()


def test_the_old_grants_at_the_head_lack_what_the_reviewer_found(fresh_postgres: str) -> None:
    """As IT met it: the owner's `kiosk init` (the head), then the grants "as of 0003"."""
    open_store(fresh_postgres, "kiosk-test").close()
    engine = make_engine(fresh_postgres)
    try:
        grant(engine, OLD_GRANTS)
    finally:
        engine.dispose()
    found = public_rights(fresh_postgres)
    assert found.lacking == {
        "INSERT": [
            "content_pictures",
            "content_versions",
            "listenings",
            "planned_signers",
            "rebriefings",
            "screens_shown",
            "signers",
        ]
    }
    assert found.schema_usage and not found.sequences


def test_the_readme_grants_give_what_the_check_asks_at_the_head(fresh_postgres: str) -> None:
    open_store(fresh_postgres, "kiosk-test").close()
    engine = make_engine(fresh_postgres)
    try:
        with engine.connect() as conn:
            assert not rights_of(conn, "public").complete  # PUBLIC holds nothing yet
        grant(engine, readme_grants())
    finally:
        engine.dispose()
    assert public_rights(fresh_postgres).complete


def test_what_a_kiosk_needs_on_each_table() -> None:
    assert needed("alembic_version") == ("SELECT",)
    assert needed("briefings") == ("SELECT", "INSERT", "UPDATE")
    assert needed("audit_log") == ("SELECT", "INSERT")
    assert needed("a_table_a_later_migration_adds") == ("SELECT", "INSERT")


def test_the_sentence_names_each_table_and_right_and_the_grant_to_run() -> None:
    found = Rights(
        "kiosk_app",
        "public",
        tables=17,
        lacking={"INSERT": ["content_pictures", "listenings"], "UPDATE": ["staff_users"]},
        sequences=["listenings_id_seq"],
    )
    assert not found.complete
    said = found.sentence()
    assert said.startswith(
        "the role kiosk_app lacks INSERT on content_pictures, listenings; UPDATE on staff_users; "
        "USAGE on sequence listenings_id_seq, so the kiosk cannot save there; as the tables' "
        "owner run `GRANT INSERT ON content_pictures, listenings TO kiosk_app; GRANT UPDATE ON "
        "staff_users TO kiosk_app; GRANT USAGE ON SEQUENCE listenings_id_seq TO kiosk_app;` ("
    )
    assert "Several kiosks on one PostgreSQL server" in said
    assert said.count(". ") == 0 and not said.endswith(".")  # one sentence (doctor ends it)
    no_schema = Rights("kiosk_app", "public", tables=17, schema_usage=False)
    assert "GRANT USAGE ON SCHEMA public TO kiosk_app;" in no_schema.sentence()
    assert Rights("kiosk_app", "public", tables=17).complete
