/** A form's error under its fields, announced at once; `id` is what the fields' aria-describedby names. */
export function FormError({ id, message }: { id: string; message: string | null }) {
  if (message === null) return null;
  return (
    <p id={id} className="field-error inline-form__error" role="alert">
      {message}
    </p>
  );
}
