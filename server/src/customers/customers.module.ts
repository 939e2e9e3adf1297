import { Module } from '@nestjs/common';
import { ActionsModule } from '../actions/actions.module.js';
import { SubscriptionsModule } from '../subscriptions/subscriptions.module.js';
import { CustomerListService } from './customer-list.service.js';
import { CustomersController } from './customers.controller.js';
import { CustomersService } from './customers.service.js';

@Module({
  imports: [ActionsModule, SubscriptionsModule],
  controllers: [CustomersController],
  providers: [CustomersService, CustomerListService],
  exports: [CustomersService],
})
export class CustomersModule {}
