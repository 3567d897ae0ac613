import { GenericContainer, type PortWithOptionalBinding } from 'testcontainers';
import { ownerLabels } from './sweep';

/**
 * A GenericContainer labelled as this run's (so the sweep finds it whatever happens) whose
 * published ports listen on 127.0.0.1 only: testcontainers publishes on every interface.
 */
export class LoopbackContainer extends GenericContainer {
  constructor(image: string) {
    super(image);
    this.withLabels(ownerLabels());
  }

  override withExposedPorts(...ports: PortWithOptionalBinding[]): this {
    super.withExposedPorts(...ports);
    for (const bindings of Object.values(this.hostConfig.PortBindings ?? {})) {
      for (const binding of bindings as Array<{ HostIp?: string }>) binding.HostIp = '127.0.0.1';
    }
    return this;
  }
}
