// An error the server answered, as ECS names it and says it.
import { ApiError } from '../api.js';

export function ErrorText({ error }: { error: unknown }) {
  if (error === undefined || error === null) return null;
  const name = error instanceof ApiError ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  return <p class="error" role="alert"><strong>{name}</strong>: {message}</p>;
}
