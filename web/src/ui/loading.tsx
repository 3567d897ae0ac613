/** "Loading interviews…": the whole sentence comes from the page's catalogue, as languages word it differently. */
export function Loading(props: { text: string }) {
  return (
    <p class="loading" role="status">
      {props.text}
    </p>
  );
}
