import { InputField, type InputFieldProps } from './input-field';

/** A number input as every HR form has it: whole numbers from 0 unless `min` and `step` say otherwise. */
export function NumberField(props: Omit<InputFieldProps, 'type' | 'inputmode'>) {
  const step = () => props.step ?? '1';
  return <InputField {...props} type="number" min={props.min ?? 0} step={step()} inputmode={step() === '1' ? 'numeric' : 'decimal'} />;
}
