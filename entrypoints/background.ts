import { defineBackground } from 'wxt/utils/define-background';
import { extensionVersion, onRequest } from '../src/platform/runtime';

export default defineBackground(() => {
  onRequest((request) => {
    if (request.type === 'qv:hello') return { type: 'qv:hello', ok: true, extensionVersion: extensionVersion() };
    return undefined;
  });
});
