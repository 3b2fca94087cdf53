"""kiosk: status-query attempts (brute-force lock of a receipt at the kiosk)

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('kiosk_attempts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('station_id', sa.Integer(), nullable=True),
    sa.Column('receipt_number', sa.String(length=32), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('outcome', sa.String(length=16), nullable=False),
    sa.Column('locked_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('terminal', sa.String(length=64), nullable=True),
    sa.ForeignKeyConstraint(['station_id'], ['stations.id'], name=op.f('fk_kiosk_attempts_station_id_stations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_kiosk_attempts'))
    )
    op.create_index('ix_kiosk_attempts_receipt_at', 'kiosk_attempts', ['receipt_number', 'at'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_kiosk_attempts_receipt_at', table_name='kiosk_attempts')
    op.drop_table('kiosk_attempts')
