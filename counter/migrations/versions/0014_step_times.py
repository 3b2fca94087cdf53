"""step times: field events, refused "next" per page, the visit running at each window

Revision ID: 0014
Revises: 0013
"""
import sqlalchemy as sa
from alembic import op


revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('step_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('refused', sa.Integer(), server_default='0', nullable=False))
    with op.batch_alter_table('service_windows', schema=None) as batch_op:
        batch_op.add_column(sa.Column('running_since', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('running_standard_minutes', sa.Integer(), nullable=True))
    op.create_table(
        'field_events',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('visit_id', sa.Integer(), nullable=False),
        sa.Column('item_position', sa.Integer(), nullable=True),
        sa.Column('page', sa.String(length=64), nullable=False),
        sa.Column('field', sa.String(length=64), nullable=False),
        sa.Column('kind', sa.String(length=12), nullable=False),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['visit_id'], ['visits.id'], name=op.f('fk_field_events_visit_id_visits')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_field_events')),
    )
    with op.batch_alter_table('field_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_field_events_visit_id'), ['visit_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('field_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_field_events_visit_id'))
    op.drop_table('field_events')
    with op.batch_alter_table('service_windows', schema=None) as batch_op:
        batch_op.drop_column('running_standard_minutes')
        batch_op.drop_column('running_since')
    with op.batch_alter_table('step_events', schema=None) as batch_op:
        batch_op.drop_column('refused')
