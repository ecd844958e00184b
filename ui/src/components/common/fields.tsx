import { useId, type ReactNode } from "react";

interface BaseProps {
  label: ReactNode;
  /** The field path; also the input's `name` and the error's `data-testid` suffix. */
  name: string;
  error?: string | undefined;
  hint?: ReactNode;
  className?: string;
  disabled?: boolean;
}

function ErrorText({ id, name, error }: { id: string; name: string; error?: string | undefined }) {
  if (!error) return null;
  return (
    <div className="field-error" id={id} data-testid={`error-${name}`} role="alert">
      {error}
    </div>
  );
}

interface TextFieldProps extends BaseProps {
  value: string;
  onChange: (value: string) => void;
  type?: "text" | "email" | "tel" | "number" | "date";
  autoFocus?: boolean;
  maxLength?: number;
  placeholder?: string;
  inputMode?: "text" | "numeric" | "decimal" | "tel" | "email";
  required?: boolean;
  /** For `type="number"`. */
  step?: string;
}

export function TextField(props: TextFieldProps) {
  const id = useId();
  const errId = `${id}-err`;
  return (
    <label className={`field ${props.className ?? ""}`} htmlFor={id}>
      <span className="field-label">
        {props.label}
        {props.required ? <span className="req" aria-hidden="true"> *</span> : null}
      </span>
      <input
        id={id}
        name={props.name}
        type={props.type ?? "text"}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        autoFocus={props.autoFocus}
        maxLength={props.maxLength}
        placeholder={props.placeholder}
        inputMode={props.inputMode}
        step={props.step}
        disabled={props.disabled}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? errId : undefined}
        aria-required={props.required ? true : undefined}
        autoComplete="off"
        spellCheck={false}
      />
      {props.hint ? <span className="field-hint">{props.hint}</span> : null}
      <ErrorText id={errId} name={props.name} error={props.error} />
    </label>
  );
}

interface DateFieldProps extends BaseProps {
  value: string | null;
  onChange: (value: string | null) => void;
  required?: boolean;
}

/** `<input type="date">`; the value is ISO `YYYY-MM-DD`, empty means null. */
export function DateField(props: DateFieldProps) {
  const { value, onChange, ...rest } = props;
  return (
    <TextField
      {...rest}
      type="date"
      value={value ?? ""}
      onChange={(v) => onChange(v.trim() === "" ? null : v)}
    />
  );
}

interface SelectFieldProps extends BaseProps {
  value: string;
  onChange: (value: string) => void;
  options: ReadonlyArray<{ value: string; label: string }>;
  /** When given, an empty first option with this text. */
  placeholder?: string;
  required?: boolean;
}

export function SelectField(props: SelectFieldProps) {
  const id = useId();
  const errId = `${id}-err`;
  return (
    <label className={`field ${props.className ?? ""}`} htmlFor={id}>
      <span className="field-label">
        {props.label}
        {props.required ? <span className="req" aria-hidden="true"> *</span> : null}
      </span>
      <select
        id={id}
        name={props.name}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        disabled={props.disabled}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? errId : undefined}
      >
        {props.placeholder !== undefined ? <option value="">{props.placeholder}</option> : null}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {props.hint ? <span className="field-hint">{props.hint}</span> : null}
      <ErrorText id={errId} name={props.name} error={props.error} />
    </label>
  );
}

interface CheckFieldProps extends BaseProps {
  checked: boolean;
  onChange: (checked: boolean) => void;
}

export function CheckField(props: CheckFieldProps) {
  const id = useId();
  const errId = `${id}-err`;
  return (
    <div className={`field field-check ${props.className ?? ""}`}>
      <label htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          name={props.name}
          checked={props.checked}
          onChange={(e) => props.onChange(e.target.checked)}
          disabled={props.disabled}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={props.error ? errId : undefined}
        />{" "}
        {props.label}
      </label>
      <ErrorText id={errId} name={props.name} error={props.error} />
    </div>
  );
}
