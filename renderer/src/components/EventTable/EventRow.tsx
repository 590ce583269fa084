import { memo } from 'react';
import type { FleetEvent } from '../../../../shared/domain/fleetEvent';
import { absoluteTime, clockTime } from '../../lib/format';
import classes from './EventRow.module.css';

/**
 * One event as a dense row. All server-provided text is rendered as text, never as HTML. Plain
 * elements and one stylesheet, not Mantine components: under a storm the live list mounts a screen
 * of these per update, and that must stay far under a frame.
 */
export const EventRow = memo(function EventRow({ event: e, serverName, selected = false, onSelect }: { event: FleetEvent; serverName: string; selected?: boolean; onSelect(e: FleetEvent): void }) {
  return (
    <div
      data-testid="event-row"
      data-event-id={e.id}
      data-selected={selected}
      role="button"
      tabIndex={0}
      className={classes.row}
      onClick={() => onSelect(e)}
      onKeyDown={(k) => {
        if (k.key === 'Enter' || k.key === ' ') {
          k.preventDefault();
          onSelect(e);
        }
      }}
    >
      <span className={`${classes.cell} ${classes.time}`} title={absoluteTime(e.occurredAt)}>
        {clockTime(e.occurredAt)}
      </span>
      <span className={`${classes.cell} ${classes.server}`} data-testid="event-server">
        {serverName}
      </span>
      <span className={`${classes.badge} ${classes.severity} ${classes[e.severity] ?? ''}`} data-testid="event-severity">
        {e.severity}
      </span>
      <span className={`${classes.cell} ${classes.category}`}>{e.category}</span>
      <span className={`${classes.cell} ${classes.type}`} data-testid="event-type">
        {e.type}
      </span>
      <span className={classes.title} data-testid="event-title" title={e.summary ? `${e.title}\n${e.summary}` : e.title}>
        {e.title}
      </span>
      {e.derived ? (
        <span className={`${classes.badge} ${classes.derived}`} title="Derived by this app from REST snapshots (the server does not push this event)">
          derived
        </span>
      ) : null}
    </div>
  );
});
