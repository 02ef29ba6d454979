// Preloaded into every test MCP server (node --require): whatever address a server asks for, it listens on
// 127.0.0.1 only, so that no test ever opens a port to the network.
const net = require('net');

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  const [first] = args;
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    const callback = args.find((arg) => typeof arg === 'function');
    return callback ? listen.call(this, Number(first), '127.0.0.1', callback) : listen.call(this, Number(first), '127.0.0.1');
  }
  if (first && typeof first === 'object' && 'port' in first) {
    args[0] = { ...first, host: '127.0.0.1' };
  }
  return listen.apply(this, args);
};
