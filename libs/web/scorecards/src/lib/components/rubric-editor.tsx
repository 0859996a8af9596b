import { useEffect, useMemo, useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import {
  Alert,
  App,
  Button,
  Flex,
  Input,
  InputNumber,
  Segmented,
  Space,
  Table,
  Typography,
} from 'antd';
import { errorMessage, RubricDocument, SaveRubricDocument } from '@sunshine/web/graphql';
import { LoadingState } from '@sunshine/web/ui';
import type { Rubric } from '@sunshine/shared/domain';
import {
  readRubric,
  rubricToSave,
  rubricTree,
  setWeight,
  type RubricTreeRow,
} from '../rubric-edit';

/** The rubric of a year and level as a tree with its weights; saving makes a new version. */
export function RubricEditor({ year, onSaved }: { year: number; onSaved: () => void }) {
  const { message } = App.useApp();
  const [level, setLevel] = useState<'CITY' | 'COUNTY'>('CITY');
  const q = useQuery(RubricDocument, { variables: { year, level }, fetchPolicy: 'network-only' });
  const [save, saving] = useMutation(SaveRubricDocument);
  const stored = q.data?.rubric ?? null;
  const [draft, setDraft] = useState<Rubric | null>(null);
  const [note, setNote] = useState('');
  useEffect(() => {
    setDraft(stored ? readRubric(stored.content) : null);
    setNote('');
  }, [stored]);
  const checked = useMemo(() => (draft ? rubricToSave(draft) : null), [draft]);
  if (q.loading && !stored) return <LoadingState />;
  if (!stored || !draft) return <Alert type="error" message="考评细则无法读取" />;

  const weightCell = (row: RubricTreeRow) =>
    row.weights.length === 0 ? (
      <Typography.Text type="secondary">由下级指标合计</Typography.Text>
    ) : (
      <Space wrap size={[8, 4]}>
        {row.weights.map((w) => (
          <Space key={w.field} size={4}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {w.label}
            </Typography.Text>
            <InputNumber
              size="small"
              min={0}
              max={100}
              step={0.5}
              precision={2}
              value={w.value}
              aria-label={`${row.label}${w.label}`}
              style={{ width: 84 }}
              onChange={(v) => setDraft((d) => (d ? setWeight(d, row.key, w.field, v ?? 0) : d))}
            />
          </Space>
        ))}
      </Space>
    );

  return (
    <div data-testid="rubric-editor">
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Segmented
          value={level}
          onChange={(v) => setLevel(v as 'CITY' | 'COUNTY')}
          options={[
            { value: 'CITY', label: '市级细则' },
            { value: 'COUNTY', label: '县级细则' },
          ]}
        />
        <Typography.Text type="secondary">
          {stored.isDefault ? '系统默认细则' : `第${stored.version}版`} · 满分 {stored.maxScore}
        </Typography.Text>
      </Flex>
      <Table<RubricTreeRow>
        size="small"
        rowKey="key"
        pagination={false}
        expandable={{ defaultExpandAllRows: true }}
        dataSource={rubricTree(draft.components)}
        columns={[
          { title: '指标', dataIndex: 'label', width: 180 },
          { title: '类型', dataIndex: 'kindLabel', width: 100 },
          { title: '满分', dataIndex: 'max', width: 64, align: 'right' },
          { title: '权重', key: 'weights', render: (_, r) => weightCell(r) },
        ]}
      />
      <Space wrap style={{ marginTop: 12 }}>
        {(
          [
            ['excellent', '优秀线'],
            ['good', '良好线'],
            ['pass', '合格线'],
          ] as const
        ).map(([k, label]) => (
          <Space key={k} size={4}>
            <Typography.Text>{label}</Typography.Text>
            <InputNumber
              size="small"
              min={0}
              max={200}
              value={draft.grades[k]}
              aria-label={label}
              onChange={(v) =>
                setDraft((d) => (d ? { ...d, grades: { ...d.grades, [k]: v ?? 0 } } : d))
              }
            />
          </Space>
        ))}
        <Space size={4}>
          <Typography.Text>加分上限</Typography.Text>
          <InputNumber
            size="small"
            min={0}
            max={20}
            value={draft.bonusCap}
            aria-label="加分上限"
            onChange={(v) => setDraft((d) => (d ? { ...d, bonusCap: v ?? 0 } : d))}
          />
        </Space>
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 8 }}>
        一票否决：{stored.vetoes.map((v) => v.label).join('、') || '无'}
      </Typography.Paragraph>
      {checked && 'errors' in checked ? (
        <Alert
          type="warning"
          showIcon
          message={checked.errors.join('；')}
          style={{ marginBottom: 8 }}
        />
      ) : null}
      <Flex gap={8}>
        <Input
          placeholder="修订说明（如：提高整改权重）"
          value={note}
          maxLength={200}
          onChange={(e) => setNote(e.target.value)}
        />
        <Button
          type="primary"
          loading={saving.loading}
          disabled={!checked || 'errors' in checked}
          onClick={async () => {
            if (!checked || 'errors' in checked) return;
            try {
              const r = await save({
                variables: {
                  input: { year, level, content: checked.content, note: note || undefined },
                },
              });
              message.success(`已保存为第${r.data?.saveRubric.version ?? ''}版`);
              void q.refetch();
              onSaved();
            } catch (e) {
              message.error(errorMessage(e));
            }
          }}
        >
          保存为新版本（满分 {checked && 'max' in checked ? checked.max : '—'}）
        </Button>
      </Flex>
    </div>
  );
}
