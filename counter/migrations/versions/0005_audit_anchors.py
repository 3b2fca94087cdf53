"""audit: a keyed chain per station (seq, key_id, mac) and write-once triggers on audit_log

The triggers are the second line of defence: the program never updates or deletes audit rows,
and a person with plain SQL access now has to drop a trigger first (which needs ownership of
the table on PostgreSQL). The first line is outside the database: the HMAC key and the anchor
file on each terminal (counter.audit). Rows written before this revision keep seq/mac NULL and
are verified as the old unkeyed chain.

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

_REFUSED = "audit_log is append-only: rows cannot be changed or deleted"


def upgrade() -> None:
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.add_column(sa.Column('seq', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('key_id', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('mac', sa.String(length=64), nullable=True))
        batch_op.create_index('ix_audit_log_station_seq', ['station_id', 'seq'], unique=True)
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"""
            CREATE FUNCTION audit_log_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '{_REFUSED}' USING ERRCODE = 'insufficient_privilege';
            END $$""")
        op.execute("CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log "
                   "FOR EACH ROW EXECUTE FUNCTION audit_log_refuse()")
        op.execute("CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
                   "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse()")
    else:
        for event in ("UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER audit_log_no_{event.lower()} BEFORE {event} ON audit_log "
                       f"BEGIN SELECT RAISE(ABORT, '{_REFUSED}'); END")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log")
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_change ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS audit_log_refuse()")
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_log_station_seq')
        batch_op.drop_column('mac')
        batch_op.drop_column('key_id')
        batch_op.drop_column('seq')
