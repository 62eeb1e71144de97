import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../src/platform/config/config.js';
import { runEntry } from './run-entry.js';

describe('configuration', () => {
  it('uses the documented defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.port).to.equal(8080);
    expect(config.mongodbUri).to.equal('');
    expect(config.dataDir).to.equal('./data');
    expect(config.amqpUrl).to.equal('amqp://guest:guest@127.0.0.1:5672');
    expect(config.roles).to.deep.equal(['api', 'relay', 'decisions', 'partner-gateway']);
  });

  it('names every invalid variable at once', () => {
    try {
      loadConfig({ PORT: 'eighty', AMQP_URL: 'http://rabbit', ROLES: 'api,printer' });
      expect.fail('loadConfig accepted invalid settings');
    } catch (error) {
      expect(error).to.be.instanceOf(ConfigError);
      const message = (error as ConfigError).message;
      expect(message).to.contain('PORT');
      expect(message).to.contain('AMQP_URL');
      expect(message).to.contain('ROLES: unknown role "printer"');
    }
  });

  it('reads the roles a process runs from ROLES', () => {
    expect(loadConfig({ ROLES: 'relay, decisions' }).roles).to.deep.equal(['relay', 'decisions']);
  });

  it('stops start-up with a message naming the variable when a setting is invalid', async () => {
    const { code, stderr } = await runEntry({ PORT: '70000' });
    expect(code).to.equal(2);
    expect(stderr).to.contain('PORT');
    expect(stderr).to.contain('from 0 to 65535');
  });

  it('stops start-up with a message naming AMQP_URL and how to start RabbitMQ when the broker is unreachable', async () => {
    const { code, stdout } = await runEntry({ AMQP_URL: 'amqp://guest:guest@127.0.0.1:1', STORE_FSYNC: 'memory', PORT: '0' });
    expect(code).to.equal(1);
    expect(stdout).to.contain('AMQP_URL=amqp://guest:***@127.0.0.1:1');
    expect(stdout).to.contain('rabbitmq-server -detached');
  });
});
