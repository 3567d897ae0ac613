import { describe, expect, it } from 'vitest';
import { chooseInfraPath } from './infra-path';

describe('choosing the test infrastructure', () => {
  it('takes containers when a Docker engine answers and nothing is forced', () => {
    expect(chooseInfraPath(undefined, true).path).toBe('docker');
  });

  it('falls back to the native binaries on a machine without Docker', () => {
    expect(chooseInfraPath(undefined, false)).toEqual({ path: 'native', reason: 'no Docker engine answers' });
  });

  it('keeps the native binaries when TEST_INFRA=native, even with an engine running', () => {
    expect(chooseInfraPath('native', true).path).toBe('native');
  });

  it('refuses TEST_INFRA=docker without an engine, saying how to get one', () => {
    expect(() => chooseInfraPath('docker', false)).toThrow(/no Docker engine answers.*start dockerd/);
  });

  it('names the allowed values when TEST_INFRA is misspelt', () => {
    expect(() => chooseInfraPath('podman', true)).toThrow('TEST_INFRA must be docker or native, not podman');
  });
});
