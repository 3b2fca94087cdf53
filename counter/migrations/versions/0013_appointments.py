"""journey: appointments (预约) from the booking platform, the counter or the phone

Revision ID: 0013
Revises: 0012
"""
import sqlalchemy as sa
from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'appointments',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('station_id', sa.Integer(), nullable=False),
        sa.Column('booking_id', sa.String(length=40), nullable=False),
        sa.Column('code', sa.String(length=16), nullable=False),
        sa.Column('source', sa.String(length=16), nullable=False),
        sa.Column('category', sa.String(length=4), nullable=False),
        sa.Column('procedures', sa.JSON(), nullable=False),
        sa.Column('slot_start', sa.DateTime(timezone=True), nullable=False),
        sa.Column('slot_end', sa.DateTime(timezone=True), nullable=False),
        sa.Column('applicant_name', sa.String(length=64), nullable=False),
        sa.Column('applicant_id_number', sa.String(length=18), nullable=False),
        sa.Column('applicant_phone', sa.String(length=32), nullable=False),
        sa.Column('proxy_name', sa.String(length=64), nullable=True),
        sa.Column('proxy_id_number', sa.String(length=18), nullable=True),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('arrival', sa.String(length=8), nullable=True),
        sa.Column('checked_in_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('ticket_id', sa.Integer(), nullable=True),
        sa.Column('priority_from', sa.DateTime(timezone=True), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['station_id'], ['stations.id'], name=op.f('fk_appointments_station_id_stations')),
        sa.ForeignKeyConstraint(['ticket_id'], ['tickets.id'], name=op.f('fk_appointments_ticket_id_tickets')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_appointments')),
        sa.UniqueConstraint('station_id', 'booking_id', name=op.f('uq_appointments_station_id')),
        sa.UniqueConstraint('station_id', 'code', name='uq_appointments_station_code'),
    )
    op.create_index('ix_appointments_station_slot', 'appointments', ['station_id', 'slot_start'], unique=False)
    op.create_index(op.f('ix_appointments_ticket_id'), 'appointments', ['ticket_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_appointments_ticket_id'), table_name='appointments')
    op.drop_index('ix_appointments_station_slot', table_name='appointments')
    op.drop_table('appointments')
