package dev.switchboard.registry;

import dev.switchboard.testsupport.LayeringContract;

class LayeringTest extends LayeringContract {

    @Override
    protected String basePackage() {
        return "dev.switchboard.registry";
    }
}
