export type { OutgoingMessage } from '../../kernel/contracts/message.js';
