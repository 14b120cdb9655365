import { describe, expect, it } from 'vitest';
import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { checkDataMap, dataMap } from '@/lib/privacy/data-map';
import { schemaTables } from '@/lib/privacy/schema-tables';
import * as schema from '@/db/schema';

describe('data map', () => {
  it('classifies every column of every table in the schema', () => {
    const problems = checkDataMap(schemaTables());
    expect(problems.map((p) => `${p.table}.${p.column ?? '*'}: ${p.problem}`)).toEqual([]);
  });

  it('names a column that a new feature adds without classifying it', () => {
    const users = pgTable('users', { ...Object.fromEntries(Object.keys(dataMap.users.columns).map((c) => [c, text(c)])), favourite_colour: text('favourite_colour') });
    const problems = checkDataMap(schemaTables({ ...schema, users }));
    expect(problems).toEqual([{ table: 'users', column: 'favourite_colour', problem: 'column is not classified' }]);
  });

  it('names a whole table that is missing from the map', () => {
    const pets = pgTable('pets', { id: integer('id'), owner_name: text('owner_name') });
    const problems = checkDataMap(schemaTables({ ...schema, pets }));
    expect(problems).toContainEqual({ table: 'pets', problem: 'table is not in the data map' });
  });

  it('refuses personal data kept on erasure without a legal reason', () => {
    const map = structuredClone(dataMap);
    map.profiles.columns.bio = { ...map.profiles.columns.bio, erase: 'keep' };
    expect(checkDataMap(schemaTables(), map)).toContainEqual({ table: 'profiles', column: 'bio', problem: 'personal column kept on erasure without a reason' });
  });
});
