"""hall scale: the answered call stored once; window versions for pollers (no station-wide hot row)

- `tickets.answered_at`: the call the citizen answered, fixed when service first starts. The
  wait rule (metrics, reports, live view) reads it instead of re-deriving it from
  `last_called_at` and a second query over `ticket_events`. Backfilled with exactly that old
  rule: for a ticket called again after its service started (a transfer), the last call or
  recall at or before the start; else `last_called_at`; else `started_at`.
- `service_windows.version`: + 1 on open/pause/close. Pollers compare the newest ticket event,
  the newest visit and the sum of these instead of one `change_markers` row per station that
  every write had to update (it serialised the hall). The table stays, no longer written.

Revision ID: 0007
Revises: 0006
"""
from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

BACKFILL = """
UPDATE tickets SET answered_at = COALESCE(
    CASE WHEN last_called_at > started_at THEN (
        SELECT max(e.at) FROM ticket_events e
        WHERE e.ticket_id = tickets.id AND e.kind IN ('call', 'recall') AND e.at <= tickets.started_at)
    END,
    last_called_at, started_at)
WHERE started_at IS NOT NULL
"""


def upgrade() -> None:
    with op.batch_alter_table('tickets', schema=None) as batch_op:
        batch_op.add_column(sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table('service_windows', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), nullable=False, server_default='0'))
    op.execute(BACKFILL)


def downgrade() -> None:
    with op.batch_alter_table('service_windows', schema=None) as batch_op:
        batch_op.drop_column('version')
    with op.batch_alter_table('tickets', schema=None) as batch_op:
        batch_op.drop_column('answered_at')
