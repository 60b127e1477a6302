/** "Updated 12:03:04 · every 30 s", the time in the viewer's locale. */
export function UpdatedAt(props: { at?: Date; refreshMs: number }) {
  return (
    <span data-testid="updated-at">
      {props.at
        ? `Updated ${props.at.toLocaleTimeString()}`
        : 'Not updated yet'}
      {` · refreshes every ${Math.round(props.refreshMs / 1000)} s`}
    </span>
  );
}
