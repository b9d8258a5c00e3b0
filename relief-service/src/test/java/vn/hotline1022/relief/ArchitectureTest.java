package vn.hotline1022.relief;

import vn.hotline1022.events.Service;
import vn.hotline1022.testkit.ServiceArchitectureTest;

/** The service's architecture rules and its README's events table (ServiceArchitectureTest): no Quarkus. */
class ArchitectureTest extends ServiceArchitectureTest {

    ArchitectureTest() {
        super(Service.RELIEF);
    }
}
