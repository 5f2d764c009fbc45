import { create } from 'qrcode';
import { useMemo } from 'react';

interface QrCodeProps {
  value: string;
  /** The accessible name, e.g. "QR code of the invite link for Group 1". */
  label: string;
  className?: string;
}

/** The quiet zone around the symbol that scanners need, in modules. */
const QUIET_ZONE = 4;

/**
 * A QR code as an inline SVG that scales to any size (a phone card or the projector). Drawn from
 * the module matrix as one path, so there is no canvas and no HTML string to inject.
 */
export function QrCode({ value, label, className }: QrCodeProps) {
  const { path, size } = useMemo(() => qrPath(value), [value]);
  return (
    <svg
      className={className}
      viewBox={`0 0 ${size} ${size}`}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
      data-testid="invite-qr"
      data-value={value}
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}

/** The dark modules of `value`'s QR symbol as an SVG path, and the symbol's size with its quiet zone. */
export function qrPath(value: string): { path: string; size: number } {
  // Level M survives a smudged projector or a phone held at an angle, and keeps links short enough.
  const { modules } = create(value, { errorCorrectionLevel: 'M' });
  const parts: string[] = [];
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (modules.get(row, col)) parts.push(`M${col + QUIET_ZONE} ${row + QUIET_ZONE}h1v1h-1z`);
    }
  }
  return { path: parts.join(''), size: modules.size + QUIET_ZONE * 2 };
}
