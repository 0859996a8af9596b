import { Flex, InputNumber, Slider } from 'antd';
import type { CompletionState } from '@sunshine/web/graphql';
import { percentForState, percentRange } from './report-form-model';

export interface PercentInputProps {
  value?: number;
  onChange?: (value: number) => void;
  state: CompletionState;
  disabled?: boolean;
  id?: string;
}

/** Slider and number box bound together, limited to what the completion state allows. */
export function PercentInput({ value = 0, onChange, state, disabled, id }: PercentInputProps) {
  const range = percentRange(state);
  const locked = disabled || range.locked;
  const set = (v: number | null) => onChange?.(percentForState(state, v ?? 0));
  return (
    <Flex align="center" gap={12}>
      <Slider
        style={{ flex: 1, margin: '0 4px' }}
        min={0}
        max={100}
        value={value}
        disabled={locked}
        onChange={set}
        tooltip={{ formatter: (v) => `${v ?? 0}%` }}
        aria-label="完成进度"
      />
      <InputNumber
        id={id}
        min={range.min}
        max={range.max}
        precision={0}
        value={value}
        disabled={locked}
        onChange={set}
        suffix="%"
        style={{ width: 96 }}
        aria-label="完成进度（百分比）"
      />
    </Flex>
  );
}
