import 'fake-indexeddb/auto';
import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/react';
import { setUpI18n } from '../src/i18n';

setUpI18n();
afterEach(() => cleanup());
