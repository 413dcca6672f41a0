import { deflateSync } from 'node:zlib';

/** One stroked segment of the Préau roof, in the wordmark's 30×26 drawing units. */
interface Segment {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  width: number;
}

// the wordmark's roof and pillars (clients/shared/wordmark.ts), as segments with round caps
const ROOF: readonly Segment[] = [
  { x1: 2, y1: 11, x2: 15, y2: 3, width: 3 },
  { x1: 15, y1: 3, x2: 28, y2: 11, width: 3 },
  { x1: 7, y1: 12, x2: 7, y2: 23, width: 2.4 },
  { x1: 23, y1: 12, x2: 23, y2: 23, width: 2.4 },
  { x1: 4, y1: 23, x2: 26, y2: 23, width: 2.4 },
];
const ROOF_BOX = { x: 2, y: 1.5, width: 26, height: 23 };

export type IconPurpose = 'any' | 'maskable' | 'badge';

export interface IconSpec {
  size: number;
  purpose: IconPurpose;
}

const BRAND: Rgb = [0x1d, 0x4e, 0xd8];
const WHITE: Rgb = [0xff, 0xff, 0xff];
type Rgb = [number, number, number];

/**
 * Draws the app icon as RGBA pixels: the white roof on the brand blue. "any" is a rounded square,
 * "maskable" fills the square and keeps the roof inside the 80 % safe circle, "badge" is the roof
 * alone (Android draws it white in the status bar from its alpha).
 */
export function drawIcon({ size, purpose }: IconSpec): Uint8Array {
  const px = new Uint8Array(size * size * 4);
  const glyphWidth = size * (purpose === 'maskable' ? 0.5 : purpose === 'badge' ? 0.84 : 0.6);
  const scale = glyphWidth / ROOF_BOX.width;
  const offsetX = (size - ROOF_BOX.width * scale) / 2 - ROOF_BOX.x * scale;
  const offsetY = (size - ROOF_BOX.height * scale) / 2 - ROOF_BOX.y * scale;
  const radius = purpose === 'any' ? size * 0.22 : 0;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const cx = x + 0.5;
      const cy = y + 0.5;
      const background = purpose === 'badge' ? 0 : roundedSquareCoverage(cx, cy, size, radius);
      let ink = 0;
      const ux = (cx - offsetX) / scale;
      const uy = (cy - offsetY) / scale;
      for (const s of ROOF) {
        // distance in pixels; coverage ramps over one pixel for smooth edges
        const d = segmentDistance(ux, uy, s) * scale;
        ink = Math.max(ink, clamp01((s.width * scale) / 2 - d + 0.5));
      }
      const i = (y * size + x) * 4;
      if (purpose === 'badge') {
        px.set([255, 255, 255, Math.round(ink * 255)], i);
        continue;
      }
      const colour = BRAND.map((c, k) => Math.round(c + (WHITE[k] - c) * ink));
      px.set([colour[0], colour[1], colour[2], Math.round(background * 255)], i);
    }
  }
  return px;
}

/** Encodes RGBA pixels as a PNG (8-bit, colour type 6, no filter): small enough for icons. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    rows[y * (width * 4 + 1)] = 0;
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(rows, y * (width * 4 + 1) + 1);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The icon files of the PWA: name → PNG bytes. */
export function pwaIcons(): Map<string, Buffer> {
  const specs: Array<[string, IconSpec]> = [
    ['icon-192.png', { size: 192, purpose: 'any' }],
    ['icon-512.png', { size: 512, purpose: 'any' }],
    ['icon-maskable-192.png', { size: 192, purpose: 'maskable' }],
    ['icon-maskable-512.png', { size: 512, purpose: 'maskable' }],
    // iOS rounds the corners itself and shows transparency as black: a full square
    ['apple-touch-icon.png', { size: 180, purpose: 'maskable' }],
    ['badge-96.png', { size: 96, purpose: 'badge' }],
  ];
  return new Map(specs.map(([name, spec]) => [name, encodePng(spec.size, spec.size, drawIcon(spec))]));
}

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

let crcTable: Uint32Array | null = null;

/** CRC-32 of PNG chunks (ISO 3309); zlib.crc32 needs a newer Node than the one we support. */
export function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const b of bytes) crc = crcTable[(crc ^ b) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function segmentDistance(x: number, y: number, s: Segment): number {
  const dx = s.x2 - s.x1;
  const dy = s.y2 - s.y1;
  const t = clamp01(((x - s.x1) * dx + (y - s.y1) * dy) / (dx * dx + dy * dy));
  return Math.hypot(x - (s.x1 + t * dx), y - (s.y1 + t * dy));
}

function roundedSquareCoverage(x: number, y: number, size: number, radius: number): number {
  if (radius <= 0) return 1;
  const qx = Math.max(radius - x, x - (size - radius), 0);
  const qy = Math.max(radius - y, y - (size - radius), 0);
  return clamp01(radius - Math.hypot(qx, qy) + 0.5);
}

function clamp01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}
