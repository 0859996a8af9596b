import { Select, Space } from 'antd';
import type { Period, PeriodOption } from '../overview-model';

export interface PeriodPickerProps {
  value: Period;
  options: PeriodOption[];
  onChange: (period: Period) => void;
}

/** 年度 + 季度 selects; switching the year keeps the quarter when it exists there. */
export function PeriodPicker({ value, options, onChange }: PeriodPickerProps) {
  const year = options.find((o) => o.year === value.year) ?? options[0];
  return (
    <Space.Compact>
      <Select
        aria-label="年度"
        value={value.year}
        style={{ width: 104 }}
        options={options.map((o) => ({ value: o.year, label: `${o.year}年` }))}
        onChange={(y: number) => {
          const next = options.find((o) => o.year === y);
          const enabled = next?.quarters.filter((q) => !q.disabled) ?? [];
          const keep = enabled.some((q) => q.value === value.quarter);
          onChange({
            year: y,
            quarter: keep ? value.quarter : (enabled[enabled.length - 1]?.value ?? 1),
          });
        }}
      />
      <Select
        aria-label="季度"
        value={value.quarter}
        style={{ width: 112 }}
        options={(year?.quarters ?? []).map((q) => ({
          value: q.value,
          label: q.label,
          disabled: q.disabled,
        }))}
        onChange={(q: number) => onChange({ year: value.year, quarter: q })}
      />
    </Space.Compact>
  );
}
