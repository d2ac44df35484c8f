// Writes the Tabler icons Nikoo inlines (app/icons/*.svg, reduced to their
// drawing: the component adds the <svg> attributes) and the category
// illustrations drawn from them (public/illustrations/{category}.svg).
// Called by scripts/vendor-assets.sh: node vendor-icons.mjs TABLER_DIR ROOT
import { readFileSync, writeFileSync, mkdirSync, rmSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';

const [tabler, root] = process.argv.slice(2);

/** The icons the pages use (app/src/components/icon.rs names each). */
const UI = [
  'heart-handshake', 'map-pin', 'building-community', 'users', 'search',
  'adjustments-horizontal', 'calendar', 'circle-check', 'alert-triangle',
  'info-circle', 'trash', 'chevron-left', 'chevron-right', 'receipt', 'coin',
  'target', 'clock', 'user',
];

/** Each category: its illustration's two icons, background and ink. */
const CATEGORIES = {
  employment_livelihood: { icons: ['briefcase', 'coin'], bg: ['#dbeafe', '#bfdbfe'], ink: '#1e3a8a' },
  skills_training: { icons: ['tools', 'book'], bg: ['#ede9fe', '#ddd6fe'], ink: '#4c1d95' },
  health: { icons: ['stethoscope', 'first-aid-kit'], bg: ['#fee2e2', '#fecaca'], ink: '#7f1d1d' },
  education: { icons: ['school', 'book'], bg: ['#fef3c7', '#fde68a'], ink: '#78350f' },
  housing_heating: { icons: ['home', 'flame'], bg: ['#ffedd5', '#fed7aa'], ink: '#7c2d12' },
  food_essentials: { icons: ['basket', 'bread'], bg: ['#dcfce7', '#bbf7d0'], ink: '#14532d' },
  family_sponsorship: { icons: ['users', 'heart-handshake'], bg: ['#fce7f3', '#fbcfe8'], ink: '#831843' },
  emergency_relief: { icons: ['tent', 'lifebuoy'], bg: ['#e0f2fe', '#bae6fd'], ink: '#0c4a6e' },
};

/** An icon's drawing: its elements without the invisible 24×24 frame. */
function drawing(name) {
  const svg = readFileSync(join(tabler, 'icons/outline', `${name}.svg`), 'utf8');
  const inner = svg.slice(svg.indexOf('>', svg.indexOf('<svg')) + 1, svg.lastIndexOf('</svg>'));
  return inner
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.includes('stroke="none"'))
    .join('');
}

const icons = join(root, 'app/icons');
rmSync(icons, { recursive: true, force: true });
mkdirSync(icons, { recursive: true });
for (const name of UI) writeFileSync(join(icons, `${name}.svg`), drawing(name) + '\n');
copyFileSync(join(tabler, 'LICENSE'), join(icons, 'LICENSE'));

// 320×180 (16:9): a soft gradient, two circles, the category's two icons.
const art = join(root, 'public/illustrations');
rmSync(art, { recursive: true, force: true });
mkdirSync(art, { recursive: true });
for (const [code, c] of Object.entries(CATEGORIES)) {
  const [a, b] = c.icons.map(drawing);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 320 180" role="img">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${c.bg[0]}"/><stop offset="1" stop-color="${c.bg[1]}"/></linearGradient></defs>
<rect width="320" height="180" fill="url(#g)"/>
<circle cx="268" cy="34" r="58" fill="#ffffff" opacity=".35"/>
<circle cx="42" cy="160" r="70" fill="#ffffff" opacity=".3"/>
<path d="M0 150 Q80 120 160 140 T320 130 V180 H0 Z" fill="${c.ink}" opacity=".08"/>
<g fill="none" stroke="${c.ink}" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round">
<g transform="translate(98 38) scale(4.2)">${a}</g>
<g transform="translate(196 86) scale(2.4)" opacity=".75">${b}</g>
</g>
</svg>
`;
  writeFileSync(join(art, `${code}.svg`), svg);
}
writeFileSync(join(art, 'LICENSE'), `The illustrations here are drawn from Tabler Icons (MIT):\n\n${readFileSync(join(tabler, 'LICENSE'), 'utf8')}`);
