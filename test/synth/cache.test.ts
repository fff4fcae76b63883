import * as fs from 'fs';
import * as path from 'path';
import { cachedText } from '../../src/cache';

const FOLDER = path.join(__dirname, '..', '..', 'node_modules', '.cache', `spark-tenancy-test-${process.pid}`);

afterAll(() => fs.rmSync(FOLDER, { recursive: true, force: true }));

describe('cachedText', () => {
  test('produces once, then returns the stored text without producing again', () => {
    // GIVEN nothing cached under this name
    let produced = 0;
    const produce = () => `text ${++produced}`;
    // WHEN it is asked twice
    const first = cachedText(path.basename(FOLDER), 'entry.txt', produce);
    const second = cachedText(path.basename(FOLDER), 'entry.txt', produce);
    // THEN the producer ran once, and the text is on disk
    expect([first, second, produced]).toEqual(['text 1', 'text 1', 1]);
    expect(fs.readFileSync(path.join(FOLDER, 'entry.txt'), 'utf8')).toBe('text 1');
    expect(fs.readdirSync(FOLDER)).toEqual(['entry.txt']);
  });

  test('still returns the text when the cache cannot be written', () => {
    // GIVEN a cache folder that is a file, so nothing can be stored in it
    fs.mkdirSync(FOLDER, { recursive: true });
    fs.writeFileSync(path.join(FOLDER, 'blocked'), 'a file, not a folder');
    // THEN every call produces, and succeeds
    expect(cachedText(`${path.basename(FOLDER)}/blocked`, 'entry.txt', () => 'fresh')).toBe('fresh');
    expect(cachedText(`${path.basename(FOLDER)}/blocked`, 'entry.txt', () => 'fresh again')).toBe('fresh again');
  });
});
