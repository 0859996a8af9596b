import JSZip from 'jszip';
import { lazyZip } from '../lazy-zip';

function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('error', reject);
    stream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

describe('lazyZip', () => {
  it('renders the entries one at a time, in order, and stores each as given', async () => {
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const entries = Array.from({ length: 40 }, (_, i) => ({
      path: `市${i % 4}/单位${i}.docx`,
      render: async () => {
        running += 1;
        peak = Math.max(peak, running);
        order.push(i);
        await new Promise((r) => setTimeout(r, 1));
        running -= 1;
        return Buffer.from(`report ${i}`.repeat(100));
      },
    }));
    const bytes = await collect(lazyZip(entries, new Date('2026-01-31T00:00:00Z')));
    expect(peak).toBe(1);
    expect(order).toEqual(entries.map((_, i) => i));
    const zip = await JSZip.loadAsync(bytes);
    const files = Object.values(zip.files).filter((f) => !f.dir);
    expect(files).toHaveLength(40);
    expect(await zip.file('市1/单位5.docx')!.async('string')).toBe('report 5'.repeat(100));
  });

  it('fails the stream when an entry cannot be rendered', async () => {
    const stream = lazyZip(
      [
        { path: 'a.docx', render: async () => Buffer.from('a') },
        { path: 'b.docx', render: async () => Promise.reject(new Error('render failed')) },
      ],
      new Date(),
    );
    await expect(collect(stream)).rejects.toThrow('render failed');
  });
});
