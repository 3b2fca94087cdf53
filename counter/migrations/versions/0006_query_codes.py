"""kiosk: receipt query codes (hashed) and proof for ratings

`receipt_codes` holds each receipt's kiosk query code as a salted HMAC-SHA256 (one row per
receipt, replaced on every print). `kiosk_attempts` learns what a lookup was for (status or
rating) and when the terminal's own lock ends; an index on (terminal, at) keeps the
per-terminal throttle a short range scan.

Revision ID: 0006
Revises: 0005
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('receipt_codes',
    sa.Column('receipt_id', sa.Integer(), nullable=False),
    sa.Column('salt', sa.String(length=32), nullable=False),
    sa.Column('code_hash', sa.String(length=64), nullable=False),
    sa.Column('issued_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['receipt_id'], ['receipts.id'], name=op.f('fk_receipt_codes_receipt_id_receipts')),
    sa.PrimaryKeyConstraint('receipt_id', name=op.f('pk_receipt_codes'))
    )
    with op.batch_alter_table('kiosk_attempts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('purpose', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('terminal_locked_until', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index('ix_kiosk_attempts_terminal_at', ['terminal', 'at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('kiosk_attempts', schema=None) as batch_op:
        batch_op.drop_index('ix_kiosk_attempts_terminal_at')
        batch_op.drop_column('terminal_locked_until')
        batch_op.drop_column('purpose')
    op.drop_table('receipt_codes')
