import { Checkbox, Col, Row } from 'antd';
import type { Role } from '@sunshine/web/graphql';
import { ROLE_OPTIONS } from './roles';

export interface RoleCheckboxesProps {
  value?: Role[];
  onChange?: (roles: Role[]) => void;
}

/** The six roles in a tidy three-column grid (a form control for Form.Item). */
export function RoleCheckboxes({ value, onChange }: RoleCheckboxesProps) {
  return (
    <Checkbox.Group<Role> value={value} onChange={onChange} style={{ width: '100%' }}>
      <Row gutter={[0, 8]} style={{ width: '100%' }}>
        {ROLE_OPTIONS.map((o) => (
          <Col span={8} key={o.value}>
            <Checkbox value={o.value}>{o.label}</Checkbox>
          </Col>
        ))}
      </Row>
    </Checkbox.Group>
  );
}
