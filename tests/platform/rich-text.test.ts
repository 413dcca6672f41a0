import { describe, expect, it } from 'vitest';
import { plainText, sanitizeRichText } from '../../server/platform/rich-text';
import { cleanFileName, cleanLine } from '../../server/platform/uploads';

describe('news text', () => {
  it('keeps the allowed rich text and makes links safe', () => {
    expect(sanitizeRichText('<h2>Titre</h2><p><strong>gras</strong> <a href="https://ac-caen.fr" onclick="x()">lien</a></p>')).toBe(
      '<h2>Titre</h2><p><strong>gras</strong> <a href="https://ac-caen.fr" target="_blank" rel="noopener noreferrer nofollow">lien</a></p>',
    );
    expect(sanitizeRichText('<p style="color:red" class="x">texte</p><span>sans balise</span>')).toBe('<p>texte</p>sans balise');
  });

  it('gives plain text with blocks separated and entities decoded', () => {
    expect(plainText('<p>Premier paragraphe.</p><ul><li>un</li><li>deux</li></ul><p>Tom &amp; Jerry&nbsp;!<br>fin</p>')).toBe(
      'Premier paragraphe. un deux Tom & Jerry ! fin',
    );
  });

  it('cleans titles and file names', () => {
    expect(cleanLine('  Réunion\u0000 des\n parents \u202e ')).toBe('Réunion des parents');
    expect(cleanFileName('../../etc/passwd', 120)).toBe('passwd');
    expect(cleanFileName('C:\\Users\\x\\<b>bulletin?.pdf', 120)).toBe('_b_bulletin_.pdf');
    expect(cleanFileName('', 120)).toBe('fichier');
  });
});
