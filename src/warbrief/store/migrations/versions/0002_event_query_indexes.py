"""Covering indexes for event queries: type + date range + lat/lon box answered from the index
(the table is read only for the page returned), and the actor filter answered from
event_parties' index without reading its rows.

Revision ID: 0002
Revises: 0001
"""
from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_events_type_date_geo", table_name="events")
    op.drop_index("ix_events_date_geo", table_name="events")
    op.create_index("ix_events_type_dates_geo", "events", ["type", "date_start", "date_end", "lat", "lon"])
    op.create_index("ix_events_dates_geo", "events", ["date_start", "date_end", "lat", "lon"])
    op.drop_index("ix_event_parties_event", table_name="event_parties")
    op.create_index("ix_event_parties_event_entity", "event_parties", ["event", "entity", "name"])


def downgrade() -> None:
    op.drop_index("ix_event_parties_event_entity", table_name="event_parties")
    op.create_index("ix_event_parties_event", "event_parties", ["event"])
    op.drop_index("ix_events_dates_geo", table_name="events")
    op.drop_index("ix_events_type_dates_geo", table_name="events")
    op.create_index("ix_events_date_geo", "events", ["date_start", "lat", "lon"])
    op.create_index("ix_events_type_date_geo", "events", ["type", "date_start", "lat", "lon"])
